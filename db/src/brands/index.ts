export * from './ensure-brand.ts';
export * from './list-brands.ts';
export * from './find-brand.ts';
export * from './delete-brand.ts';
