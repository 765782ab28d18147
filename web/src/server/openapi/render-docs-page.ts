/** Text into HTML: every character that could open markup is escaped. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Operation {
  summary?: string;
  description?: string;
  'x-earshot-access'?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema: unknown }> }>;
}

/**
 * The document as one self-contained HTML page: no script, no style attribute, no external
 * file, so it works under the dashboard's Content-Security-Policy and needs no CDN.
 */
export function renderDocsPage(doc: { info: { title: string; description: string }; paths: Record<string, Record<string, Operation>> }): string {
  const sections = Object.entries(doc.paths)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const params = (op.parameters ?? []).map((p) => `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required ? ', required' : ''})</li>`).join('');
        const body = op.requestBody ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(op.requestBody.content['application/json']?.schema, null, 2))}</pre></details>` : '';
        const ok = Object.entries(op.responses ?? {}).find(([status]) => status.startsWith('2'));
        const answerSchema = ok?.[1].content?.['application/json']?.schema;
        const answer = ok
          ? `<p>Answers <strong>${escapeHtml(ok[0])}</strong>: ${escapeHtml(ok[1].description ?? '')}</p>${answerSchema ? `<details><summary>Answer</summary><pre>${escapeHtml(JSON.stringify(answerSchema, null, 2))}</pre></details>` : ''}`
          : '';
        return `<section id="${escapeHtml(`${method}-${path}`)}">
<h2><code>${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</code></h2>
<p>${escapeHtml(op.summary ?? '')}</p>
<p><em>Access: ${escapeHtml(op['x-earshot-access'] ?? '')}.</em> ${escapeHtml(op.description ?? '')}</p>
${params ? `<ul>${params}</ul>` : ''}${body}${answer}
</section>`;
      }),
    );
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.info.title)}</title></head>
<body>
<h1>${escapeHtml(doc.info.title)}</h1>
<p>${escapeHtml(doc.info.description)}</p>
<p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
${sections.join('\n')}
</body>
</html>
`;
}
