export { startEarshot, platformDefinitions, ROLES, type Role, type Earshot, type StartOptions } from './start-earshot.ts';
export { loadConfig, ConfigSchema, ConfigError, type Config } from './config.ts';
export { createLogger } from './logger.ts';
export { connectPostgres, checkRedis, StartupError } from './connect.ts';
export { runCli } from './cli.ts';
