export * from './ensure-brand.ts';
export * from './list-brands.ts';
