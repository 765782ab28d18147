import { describe, expect, it } from 'vitest';
import { channelFieldOf, channelFormProblems, emptyChannelForm, formToChannelBody } from './channel-form.ts';

const form = { ...emptyChannelForm('Europe/Berlin'), name: 'Ops', url: 'https://hooks.example.test/x' };

describe('new channel form', () => {
  it('makes the body the server takes, recipients split on commas, spaces and semicolons', () => {
    expect(formToChannelBody(form)).toEqual({ kind: 'webhook', name: 'Ops', brandId: null, minSeverity: 'low', quietHours: null, config: { url: 'https://hooks.example.test/x', format: 'slack' } });
    const email = formToChannelBody({ ...form, kind: 'email', recipients: 'a@x.test, b@x.test;c@x.test' });
    expect(email.config).toEqual({ recipients: ['a@x.test', 'b@x.test', 'c@x.test'] });
    expect(channelFormProblems(form)).toEqual([]);
  });

  it('puts each problem, in the server’s words, on the field it is about', () => {
    expect(channelFormProblems({ ...form, name: ' ', url: 'ftp://x' })).toEqual([
      { field: 'name', message: 'Channel name cannot be empty' },
      { field: 'url', message: 'Webhook URL must be an http:// or https:// URL' },
    ]);
    expect(channelFormProblems({ ...form, kind: 'email', recipients: 'a@x.test, nope' })).toEqual([
      { field: 'recipients', message: 'Recipients: each recipient must be an email address' },
    ]);
    expect(channelFormProblems({ ...form, quiet: true, quietStart: '22:00', quietEnd: '22:00' })).toEqual([
      { field: 'quietEnd', message: 'Quiet hours: start and end must differ' },
    ]);
  });

  it('maps the server’s paths onto fields', () => {
    expect(channelFieldOf('config.recipients.3')).toBe('recipients');
    expect(channelFieldOf('quietHours.timeZone')).toBe('quietZone');
    expect(channelFieldOf('signingSecret')).toBeNull();
  });
});
