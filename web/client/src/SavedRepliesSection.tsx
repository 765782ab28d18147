import { useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  SAVED_REPLY_LABELS,
  SavedReplyBodySchema,
  type BrandDto,
  type SavedRepliesAnswer,
  type SavedReplyBody,
  type SavedReplyDto,
} from '../../src/api/contract.ts';
import { SAVED_REPLY_VARIABLES, unknownVariables, unknownVariablesMessage } from '../../src/api/saved-reply-variables.ts';
import { errorMessage } from './api.ts';
import { BrandScopeField } from './BrandScopeField.tsx';
import { contractResolver, type FieldOf } from './form-errors.ts';
import { Field, FormFailure } from './FormField.tsx';
import { cachePut, useApiMutation, withItem } from './hooks/use-api-mutation.ts';
import { useFormMutation } from './hooks/use-form-mutation.ts';
import { useResource } from './use-resource.ts';
import { cx } from './class-names.ts';
import styles from './SavedRepliesSection.module.css';

/**
 * Saved replies for managers: texts agents insert from the reply box with "/", for every brand
 * or one. The server refuses unknown variables; the form says so before saving too.
 */
const SAVED_REPLIES_PATH = '/api/saved-replies';

export function SavedRepliesSection({ brands }: { brands: BrandDto[] }) {
  const saved = useResource<SavedRepliesAnswer>(SAVED_REPLIES_PATH);
  const [editing, setEditing] = useState<SavedReplyDto | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = saved.data?.savedReplies ?? [];
  const brandName = (id: string | null) => (id === null ? 'Every brand' : (brands.find((b) => b.id === id)?.name ?? 'A brand you cannot see'));

  const deletion = useApiMutation<SavedReplyDto>({
    request: (r) => ({ method: 'DELETE', path: `${SAVED_REPLIES_PATH}/${encodeURIComponent(r.id)}` }),
    put: (_none, r) => [cachePut<SavedRepliesAnswer>(SAVED_REPLIES_PATH, (old) => ({ savedReplies: withItem(old?.savedReplies, r.id, null), values: null }))],
    onMutate: () => setError(null),
    onError: (e, r) => setError(`“${r.title}” was not deleted: ${errorMessage(e)}`),
  });
  const remove = (r: SavedReplyDto) => deletion.mutate(r);

  return (
    <section className="settings-section" aria-labelledby="saved-replies-heading" data-testid="saved-replies">
      <h2 id="saved-replies-heading">Saved replies</h2>
      <p className="muted small">
        Agents type <kbd>/</kbd> at the start of the reply box to insert one. {variablesHint()}
      </p>
      {(saved.error ?? error) !== null && (
        <p className="alert" role="alert">
          {saved.error ?? error}
        </p>
      )}
      {saved.data !== null && list.length === 0 && <p className="placeholder">No saved replies yet.</p>}
      <ul className={styles.savedReplies}>
        {list.map((r) =>
          editing !== 'new' && editing?.id === r.id ? (
            <li key={r.id}>
              <SavedReplyForm
                brands={brands}
                initial={r}
                onCancel={() => setEditing(null)}
                onSaved={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={r.id} className="card" data-testid="saved-reply">
              <div className={styles.savedReplyHead}>
                <span className="strong" dir="auto">
                  {r.title}
                </span>
                <span className="muted small">{brandName(r.brandId)}</span>
              </div>
              <p className={styles.savedReplyBody} dir="auto">
                {r.body}
              </p>
              <div className={styles.savedReplyActions}>
                <button type="button" className="button small" onClick={() => setEditing(r)} aria-label={`Edit “${r.title}”`}>
                  Edit
                </button>
                <button type="button" className="button small" onClick={() => remove(r)} aria-label={`Delete “${r.title}”`} data-testid="delete-saved-reply">
                  Delete
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
      {editing === 'new' ? (
        <SavedReplyForm
          brands={brands}
          initial={null}
          onCancel={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')} data-testid="new-saved-reply">
          New saved reply
        </button>
      )}
    </section>
  );
}

function variablesHint(): string {
  const names = SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`);
  return `${names.join(', ')} become the author's name, the brand's name and the name of the agent replying.`;
}

interface FormProps {
  brands: BrandDto[];
  initial: SavedReplyDto | null;
  onSaved(): void;
  onCancel(): void;
}

interface SavedReplyForm {
  /** '' = every brand. */
  brandId: string;
  title: string;
  body: string;
}

const toBody = (v: SavedReplyForm): SavedReplyBody => ({ brandId: v.brandId === '' ? null : v.brandId, title: v.title, body: v.body });
const fieldOf: FieldOf<SavedReplyForm> = (path) => (path === 'brandId' || path === 'title' || path === 'body' ? path : null);
const resolver = contractResolver<SavedReplyForm>(toBody, SavedReplyBodySchema, SAVED_REPLY_LABELS, fieldOf);

function SavedReplyForm({ brands, initial, onSaved, onCancel }: FormProps) {
  const form = useForm<SavedReplyForm>({ resolver, defaultValues: { brandId: initial?.brandId ?? '', title: initial?.title ?? '', body: initial?.body ?? '' } });
  const { register, formState } = form;
  const errors = formState.errors;
  const save = useFormMutation(form, fieldOf, {
    request: (body: SavedReplyBody) =>
      initial ? { method: 'PUT', path: `${SAVED_REPLIES_PATH}/${encodeURIComponent(initial.id)}`, body } : { method: 'POST', path: SAVED_REPLIES_PATH, body },
    put: ({ savedReply }: { savedReply: SavedReplyDto }) => [
      cachePut<SavedRepliesAnswer>(SAVED_REPLIES_PATH, (old) => ({
        savedReplies: withItem(old?.savedReplies, savedReply.id, savedReply).sort((a, b) => a.title.localeCompare(b.title)),
        values: null,
      })),
    ],
    onSuccess: () => onSaved(),
  });
  const unknown = unknownVariables(form.watch('body'));
  const submit = form.handleSubmit((values) => save.send(toBody(values)));

  return (
    <form className={cx('card form', styles.savedReplyForm)} onSubmit={(e) => void submit(e)} noValidate data-testid="saved-reply-form" aria-label={initial ? `Edit “${initial.title}”` : 'New saved reply'}>
      <div className="field-row">
        <Field label="Title" error={errors.title?.message} errorTestId="saved-reply-title-error">
          {(input) => <input {...input} maxLength={80} {...register('title')} data-testid="saved-reply-title" />}
        </Field>
        <BrandScopeField label="For" brands={brands} error={errors.brandId?.message} field={register('brandId')} testId="saved-reply-brand" />
      </div>
      <Field
        className="field wide"
        label="Reply"
        error={errors.body?.message}
        errorTestId="saved-reply-body-error"
        hint={
          <span className={unknown.length > 0 && errors.body === undefined ? 'over-limit' : undefined} data-testid="saved-reply-hint">
            {unknown.length > 0 && errors.body === undefined ? unknownVariablesMessage(unknown) : variablesHint()}
          </span>
        }
      >
        {(input) => <textarea {...input} rows={4} {...register('body')} aria-invalid={input['aria-invalid'] ?? (unknown.length > 0 ? true : undefined)} data-testid="saved-reply-body" />}
      </Field>
      <FormFailure messages={[errors.root?.message, save.failure]} testId="saved-reply-error" />
      <div className={styles.savedReplyActions}>
        <button type="submit" className="button primary" disabled={save.pending} data-testid="save-saved-reply">
          {save.pending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
