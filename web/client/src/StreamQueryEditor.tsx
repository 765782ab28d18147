import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { JsonEditor } from './JsonEditor.tsx';
import { StreamQueryFields } from './StreamQueryFields.tsx';
import { formToQuery, parseJson, prettyJson, queryToForm, type QueryField, type StreamFormValues } from './stream-form.ts';
import styles from './StreamQueryEditor.module.css';

export interface QueryMode {
  /** True while the query is edited as JSON ("Advanced"). */
  advanced: boolean;
  json: string;
  setJson(text: string): void;
  /** Switches between the form and the JSON, carrying the query across. */
  toggle(): void;
  /** The query to send: from the JSON when advanced, else from the fields. */
  query(): { ok: true; value: unknown } | { ok: false; message: string };
  /** A message under the JSON editor (a server problem it has no field for). */
  jsonError: string | null;
  setJsonError(message: string | null): void;
}

/** Form-or-JSON state of a stream's query. `base` keeps keys the form does not show. */
export function useQueryMode(form: UseFormReturn<StreamFormValues>, fields: QueryField[], base: unknown): QueryMode {
  const [advanced, setAdvanced] = useState(fields.length === 0);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const fromFields = () => formToQuery(fields, form.getValues('query'), base);
  return {
    advanced,
    json: advanced && json === '' ? prettyJson(fromFields()) : json,
    setJson,
    jsonError,
    setJsonError,
    toggle() {
      setJsonError(null);
      if (!advanced) {
        setJson(prettyJson(fromFields()));
        setAdvanced(true);
        return;
      }
      const parsed = parseJson(json);
      if (!parsed.ok) return setJsonError(`${parsed.message} Fix it before going back to the form.`);
      for (const [name, value] of Object.entries(queryToForm(fields, parsed.value))) form.setValue(`query.${name}`, value);
      setAdvanced(false);
    },
    query() {
      return advanced ? parseJson(json === '' ? prettyJson(fromFields()) : json) : { ok: true, value: fromFields() };
    },
  };
}

interface Props {
  form: UseFormReturn<StreamFormValues>;
  fields: QueryField[];
  mode: QueryMode;
  platformLabel: string;
  idPrefix: string;
}

export function StreamQueryEditor({ form, fields, mode, platformLabel, idPrefix }: Props) {
  return (
    <fieldset className={styles.queryEditor}>
      <legend>What to listen for on {platformLabel}</legend>
      {!mode.advanced && <StreamQueryFields fields={fields} register={form.register} errors={form.formState.errors} idPrefix={idPrefix} />}
      {mode.advanced && (
        <JsonEditor
          label="Query (JSON)"
          value={mode.json}
          onChange={mode.setJson}
          hint={`The fields ${platformLabel} understands, as JSON. The server checks it when you save.`}
          testId={`${idPrefix}-query`}
        />
      )}
      {mode.jsonError !== null && (
        <span className="field-error" role="alert" data-testid={`${idPrefix}-query-error`}>
          {mode.jsonError}
        </span>
      )}
      {fields.length > 0 && (
        <button type="button" className="button link small" onClick={mode.toggle} aria-pressed={mode.advanced} data-testid={`${idPrefix}-advanced`}>
          {mode.advanced ? 'Back to the form' : 'Advanced: edit as JSON'}
        </button>
      )}
    </fieldset>
  );
}
