import './zod-config.ts';
// The global sheet first: components' CSS Modules load after it, so a module's rule wins over a
// global rule of the same weight (the incident badge's red over .badge's grey).
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element; the dashboard cannot start.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
