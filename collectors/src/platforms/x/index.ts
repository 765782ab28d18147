export { createXAdapter, type XAdapterOptions } from './x-adapter.ts';
export { xPostUrl } from './x-payloads.ts';
export { createXClient, XCredentialsSchema, type XCredentials, type XClientOptions } from './x-client.ts';
export { XQuerySchema, createXQuerySchema, buildXSearchQuery, X_BASIC_QUERY_LENGTH, type XQuery } from './x-query.ts';
export { checkXReply, xWeightedLength, X_MAX_POST_LENGTH, X_LINK_LENGTH } from './x-text.ts';
export { xDefinition, type XDefinitionOptions } from './x-definition.ts';
