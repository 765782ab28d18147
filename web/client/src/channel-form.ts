import { CHANNEL_LABELS, NewChannelBodySchema, type NewChannelBody } from '../../src/api/channels-contract.ts';
import { contractProblems, contractResolver, type FieldOf } from './form-errors.ts';

// The new-channel form's values (as typed) and the body they make, checked with the server's
// own schema and labels (NewChannelBodySchema): "Webhook URL must be an http:// or https://
// URL", under the URL.

/** Where channels are read; a created channel is put there. */
export const CHANNELS_PATH = '/api/notification-channels';

export interface ChannelForm {
  kind: 'email' | 'webhook';
  name: string;
  /** '' = every brand. */
  brandId: string;
  minSeverity: 'low' | 'high';
  /** Email: addresses separated by commas, spaces or semicolons. */
  recipients: string;
  url: string;
  format: 'slack' | 'json';
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  quietZone: string;
}

export function emptyChannelForm(timeZone: string): ChannelForm {
  return {
    kind: 'webhook',
    name: '',
    brandId: '',
    minSeverity: 'low',
    recipients: '',
    url: '',
    format: 'slack',
    quiet: false,
    quietStart: '22:00',
    quietEnd: '07:00',
    quietZone: timeZone,
  };
}

/** The body the form sends; unchecked (the resolver and the server check it). */
export function formToChannelBody(form: ChannelForm): NewChannelBody {
  const common = {
    name: form.name,
    brandId: form.brandId === '' ? null : form.brandId,
    minSeverity: form.minSeverity,
    quietHours: form.quiet ? { start: form.quietStart, end: form.quietEnd, timeZone: form.quietZone.trim() } : null,
  };
  return form.kind === 'email'
    ? { ...common, kind: 'email', config: { recipients: form.recipients.split(/[\s,;]+/).filter(Boolean) } }
    : { ...common, kind: 'webhook', config: { url: form.url.trim(), format: form.format } };
}

const PLACES: Record<string, keyof ChannelForm> = {
  kind: 'kind',
  name: 'name',
  brandId: 'brandId',
  minSeverity: 'minSeverity',
  'config.recipients': 'recipients',
  'config.url': 'url',
  'config.format': 'format',
  'quietHours.start': 'quietStart',
  'quietHours.end': 'quietEnd',
  'quietHours.timeZone': 'quietZone',
  // "start and end must differ" is about the pair: shown under the end.
  quietHours: 'quietEnd',
};

/** Which field an API path is about (`config.recipients.1` → the recipients). */
export const channelFieldOf: FieldOf<ChannelForm> = (path) => {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const field = PLACES[parts.slice(0, n).join('.')];
    if (field !== undefined) return field;
  }
  return null;
};

export const channelResolver = contractResolver<ChannelForm>(formToChannelBody, NewChannelBodySchema, CHANNEL_LABELS, channelFieldOf);

/** The form's problems by form field, as its resolver puts them. */
export function channelFormProblems(form: ChannelForm): { field: string | null; message: string }[] {
  return contractProblems(NewChannelBodySchema, CHANNEL_LABELS, formToChannelBody(form)).map((p) => ({ field: channelFieldOf(p.path), message: p.message }));
}
