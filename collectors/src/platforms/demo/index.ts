export { createDemoAdapter, DemoQuerySchema, type DemoQuery, type DemoAdapterOptions } from './demo-adapter.ts';
export { demoDefinition } from './demo-definition.ts';
