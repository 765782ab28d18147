import type { Notification } from '@earshot/db';

/** What one send carries: one notification, or a quiet-hours digest of several. */
export interface Outgoing {
  /** The delivery id (a digest's id for a digest): the idempotency key receivers see. */
  deliveryId: string;
  notifications: Notification[];
  digest: boolean;
}

export interface RenderOptions {
  /** The dashboard's address, to make `link_path` absolute. */
  publicUrl?: string | undefined;
}

const MAX_EXAMPLES = 5;

export function linkOf(notification: Notification, options: RenderOptions): string | undefined {
  if (!notification.link_path) return undefined;
  if (!options.publicUrl) return notification.link_path;
  return new URL(notification.link_path, options.publicUrl).toString();
}

export function subjectOf(out: Outgoing): string {
  if (!out.digest) return withSeverity(out.notifications[0]!);
  return `[Earshot] ${out.notifications.length} notification${out.notifications.length === 1 ? '' : 's'} during quiet hours`;
}

function withSeverity(n: Notification): string {
  return `[Earshot${n.severity === 'high' ? ' · high' : ''}] ${n.title}`;
}

function sectionText(n: Notification, options: RenderOptions): string {
  const lines = [n.title, '', n.text];
  if (n.details.explanation) lines.push('', n.details.explanation);
  if (n.details.figures?.length) {
    lines.push('');
    for (const f of n.details.figures) lines.push(`${f.label}: ${f.value}`);
  }
  const examples = n.details.examples?.slice(0, MAX_EXAMPLES) ?? [];
  if (examples.length) {
    lines.push('', 'Examples:');
    for (const e of examples)
      lines.push(
        `- ${e.author ? `@${e.author}` : 'someone'}${e.platform ? ` on ${e.platform}` : ''}: "${e.text}"${e.url ? ` ${e.url}` : ''}`,
      );
  }
  const link = linkOf(n, options);
  if (link) lines.push('', `Open in Earshot: ${link}`);
  if (n.attachment) lines.push('', `Attached: ${n.attachment.filename}`);
  return lines.join('\n');
}

/** The plain-text email body. */
export function renderText(out: Outgoing, options: RenderOptions): string {
  const sections = out.notifications.map((n) => sectionText(n, options));
  const intro = out.digest
    ? [
        `${out.notifications.length} low-severity notifications held during this channel's quiet hours.`,
        '',
      ]
    : [];
  return [...intro, sections.join('\n\n----\n\n'), '', `Delivery ${out.deliveryId}`].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function sectionHtml(n: Notification, options: RenderOptions): string {
  const parts = [
    `<h2 style="margin:0 0 8px">${escapeHtml(n.title)}</h2>`,
    `<p>${escapeHtml(n.text)}</p>`,
  ];
  if (n.details.explanation) parts.push(`<p>${escapeHtml(n.details.explanation)}</p>`);
  if (n.details.figures?.length) {
    const rows = n.details.figures.map(
      (f) =>
        `<tr><td style="padding:2px 12px 2px 0;color:#555">${escapeHtml(f.label)}</td><td>${escapeHtml(String(f.value))}</td></tr>`,
    );
    parts.push(`<table>${rows.join('')}</table>`);
  }
  const examples = n.details.examples?.slice(0, MAX_EXAMPLES) ?? [];
  if (examples.length) {
    const items = examples.map((e) => {
      const who = `${e.author ? `@${escapeHtml(e.author)}` : 'someone'}${e.platform ? ` on ${escapeHtml(e.platform)}` : ''}`;
      const text = escapeHtml(e.text);
      const body =
        e.url && /^https?:\/\//.test(e.url) ? `<a href="${escapeHtml(e.url)}">${text}</a>` : text;
      return `<li><strong>${who}</strong>: ${body}</li>`;
    });
    parts.push(`<p>Examples:</p><ul>${items.join('')}</ul>`);
  }
  const link = linkOf(n, options);
  if (link && /^https?:\/\//.test(link))
    parts.push(`<p><a href="${escapeHtml(link)}">Open in Earshot</a></p>`);
  else if (link) parts.push(`<p>In Earshot: ${escapeHtml(link)}</p>`);
  return parts.join('\n');
}

/** The HTML email body: the same content as the text body. */
export function renderHtml(out: Outgoing, options: RenderOptions): string {
  const intro = out.digest
    ? `<p>${out.notifications.length} low-severity notifications held during this channel's quiet hours.</p>`
    : '';
  const sections = out.notifications.map((n) => sectionHtml(n, options)).join('\n<hr>\n');
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">${intro}${sections}<p style="color:#888;font-size:12px">Delivery ${escapeHtml(out.deliveryId)}</p></body></html>`;
}

function notificationJson(n: Notification, options: RenderOptions): Record<string, unknown> {
  return {
    id: n.id,
    brandId: n.brand_id,
    kind: n.kind,
    sourceId: n.source_id,
    severity: n.severity,
    title: n.title,
    text: n.text,
    details: n.details,
    link: linkOf(n, options) ?? null,
    attachment: n.attachment ? { filename: n.attachment.filename, kind: n.attachment.kind } : null,
    createdAt: n.created_at.toISOString(),
  };
}

/** Earshot's own webhook body. */
export function renderJsonBody(out: Outgoing, options: RenderOptions): string {
  return JSON.stringify({
    deliveryId: out.deliveryId,
    type: out.digest ? 'digest' : 'notification',
    notifications: out.notifications.map((n) => notificationJson(n, options)),
  });
}

// Slack refuses a section text over 3,000 characters and a header over 150.
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackBlocks(n: Notification, options: RenderOptions): unknown[] {
  const blocks: unknown[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: cut(`${n.severity === 'high' ? '🔴 ' : ''}${n.title}`, 150),
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: cut(slackEscape([n.text, n.details.explanation].filter(Boolean).join('\n\n')), 3000),
      },
    },
  ];
  if (n.details.figures?.length) {
    blocks.push({
      type: 'section',
      fields: n.details.figures
        .slice(0, 10)
        .map((f) => ({
          type: 'mrkdwn',
          text: cut(`*${slackEscape(f.label)}*\n${slackEscape(String(f.value))}`, 2000),
        })),
    });
  }
  const examples = n.details.examples?.slice(0, 3) ?? [];
  if (examples.length) {
    const lines = examples.map(
      (e) =>
        `> ${slackEscape(e.text).replace(/\n/g, ' ')}\n— ${e.author ? `@${slackEscape(e.author)}` : 'someone'}${e.platform ? ` on ${e.platform}` : ''}`,
    );
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(lines.join('\n'), 3000) } });
  }
  const link = linkOf(n, options);
  if (link && /^https?:\/\//.test(link))
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${link}|Open in Earshot>` }],
    });
  return blocks;
}

/** A Slack incoming-webhook body: `text` for notifications and clients without blocks, `blocks` for the rest. */
export function renderSlackBody(out: Outgoing, options: RenderOptions): string {
  const text = out.digest
    ? subjectOf(out)
    : `${out.notifications[0]!.title}: ${out.notifications[0]!.text}`;
  // Slack allows 50 blocks a message; a digest shows its first notifications in full.
  const blocks: unknown[] = [];
  for (const n of out.notifications) {
    const next = slackBlocks(n, options);
    if (blocks.length + next.length + 1 > 49) {
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'More in Earshot.' }] });
      break;
    }
    if (blocks.length) blocks.push({ type: 'divider' });
    blocks.push(...next);
  }
  return JSON.stringify({ text: cut(text, 3000), blocks });
}
