import type { LogFields, Logger } from '@earshot/db';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

/**
 * One line per event on stderr: time, level, message, key=value fields. Any configured
 * secret that finds its way into a line is replaced before it is written.
 */
export function createLogger(options: { level: LogLevel; secrets: string[]; write?: (line: string) => void }): Logger {
  const min = LEVELS[options.level];
  const secrets = options.secrets.filter((s) => s.length >= 6);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join('[redacted]'), text);
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (LEVELS[level] < min) return;
    const extra = fields ? Object.entries(fields).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('') : '';
    write(redact(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${extra}`));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
