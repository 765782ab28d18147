export * from './list-saved-views.ts';
export * from './save-view.ts';
export * from './delete-saved-view.ts';
