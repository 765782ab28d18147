import { useCallback, useEffect, useState } from 'react';

// Two screens only: the inbox at "/" and a mention at "/mentions/:id". The server answers
// every non-API path with index.html, so these URLs can be bookmarked and shared.
const MENTION_PATH = /^\/mentions\/([0-9a-fA-F-]{36})\/?$/;

function selectedFromPath(pathname: string): string | null {
  return MENTION_PATH.exec(pathname)?.[1] ?? null;
}

export function mentionPath(id: string): string {
  return `/mentions/${id}`;
}

/** The mention open in the detail panel (from the URL), and a way to change it. */
export function useSelectedMention(): [string | null, (id: string | null) => void] {
  const [selected, setSelected] = useState(() => selectedFromPath(window.location.pathname));

  useEffect(() => {
    const onPop = () => setSelected(selectedFromPath(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const select = useCallback((id: string | null) => {
    const path = id === null ? '/' : mentionPath(id);
    if (window.location.pathname !== path) window.history.pushState(null, '', path);
    setSelected(id);
  }, []);

  return [selected, select];
}
