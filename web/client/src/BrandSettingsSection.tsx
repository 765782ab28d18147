import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { AUTO_ASSIGN_LABELS, AutoAssignBodySchema, BRAND_DELETE_LABELS, BrandDeleteBodySchema, type BrandDeletionDto, type BrandDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import { placeServerErrors, wordedResolver } from './form-errors.ts';
import { FormFailure } from './FormField.tsx';
import { useFormMutation } from './hooks/use-form-mutation.ts';
import { cx } from './class-names.ts';
import { formatNumber } from './format.ts';
import styles from './BrandSettingsSection.module.css';

// Automatic assignment as typed: on/off and the cap as text, checked with the contract's schema.
const AutoAssignFormSchema = z
  .object({ on: z.boolean(), cap: z.string() })
  .transform((v) => ({ cap: v.on ? (v.cap.trim() === '' ? Number.NaN : Number(v.cap.trim())) : null }))
  .pipe(AutoAssignBodySchema);
type AutoAssignForm = z.input<typeof AutoAssignFormSchema>;
const autoAssignFieldOf = (path: string) => (path === 'cap' ? ('cap' as const) : null);

function AutoAssignForm({ brand, onSaved }: { brand: BrandDto; onSaved(): void }) {
  const cap = brand.autoAssignCap ?? null;
  const form = useForm<AutoAssignForm>({
    resolver: wordedResolver(AutoAssignFormSchema, AUTO_ASSIGN_LABELS),
    defaultValues: { on: cap !== null, cap: cap === null ? '5' : String(cap) },
  });
  const [saved, setSaved] = useState<string | null>(null);
  const ids = { on: useId(), cap: useId(), hint: useId() };
  const on = form.watch('on');
  const capError = form.formState.errors.cap?.message;

  // The brands are read again once saved (onSaved): their cap is what the server stored.
  const save = useFormMutation(form, autoAssignFieldOf, {
    request: (body: z.output<typeof AutoAssignFormSchema>) => ({ method: 'PUT', path: `/api/brands/${encodeURIComponent(brand.id)}/auto-assign`, body }),
    onMutate: () => setSaved(null),
    onSuccess: (result: { cap: number | null }) => {
      setSaved(result.cap === null ? 'Saved: mentions are assigned by hand.' : `Saved: new mentions go round the agents who are not away, at most ${formatNumber(result.cap)} open each.`);
      onSaved();
    },
  });
  const submit = form.handleSubmit((values) => save.send(AutoAssignFormSchema.parse(values)));

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="auto-assign-form">
      <h3>Automatic assignment</h3>
      <p className="muted small" id={ids.hint}>
        Open mentions nobody has are handed round the brand&apos;s agents in turn, skipping agents who are away, and
        nobody gets more than the cap.
      </p>
      <label className="check" htmlFor={ids.on}>
        <input id={ids.on} type="checkbox" {...form.register('on')} data-testid="auto-assign-on" />
        <span>Assign new mentions automatically</span>
      </label>
      {on && (
        <div className="field narrow">
          <label htmlFor={ids.cap}>Mentions per agent (at most)</label>
          <input
            id={ids.cap}
            inputMode="numeric"
            {...form.register('cap')}
            aria-invalid={capError !== undefined ? true : undefined}
            aria-describedby={capError !== undefined ? `${ids.cap}-error` : ids.hint}
            data-testid="auto-assign-cap"
          />
          {capError !== undefined && (
            <span id={`${ids.cap}-error`} className="field-error" role="alert" data-testid="auto-assign-cap-error">
              {capError}
            </span>
          )}
        </div>
      )}
      <FormFailure messages={[form.formState.errors.root?.message, save.failure]} />
      <div className="form-actions">
        {saved !== null && (
          <span className="saved" role="status" data-testid="auto-assign-saved">
            {saved}
          </span>
        )}
        <button type="submit" className="button primary" disabled={save.pending} data-testid="auto-assign-save">
          {save.pending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

type DeleteForm = z.input<typeof BrandDeleteBodySchema>;

function DeleteBrandForm({ brand, onDeleted }: { brand: BrandDto; onDeleted(): void }) {
  const [impact, setImpact] = useState<BrandDeletionDto | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<DeleteForm>({ resolver: wordedResolver(BrandDeleteBodySchema, BRAND_DELETE_LABELS), defaultValues: { confirmName: '' } });
  const nameId = useId();
  const path = `/api/brands/${encodeURIComponent(brand.id)}`;
  const typed = form.watch('confirmName');
  const nameError = form.formState.errors.confirmName?.message;

  const ask = async () => {
    setFailure(null);
    try {
      setImpact(await api<BrandDeletionDto>('GET', `${path}/deletion`));
    } catch (e) {
      setFailure(placeServerErrors(e, () => false));
    }
  };

  const remove = useFormMutation(form, (p) => (p === 'confirmName' ? 'confirmName' : null), {
    request: (body: DeleteForm) => ({ method: 'DELETE', path, body }),
    onMutate: () => setFailure(null),
    onSuccess: onDeleted,
  });
  const submit = form.handleSubmit((values) => remove.send(values));

  if (impact === null) {
    return (
      <div className="form" data-testid="brand-delete">
        <h3>Delete this brand</h3>
        <p className="muted small">Removes the brand and everything Earshot holds about it. You see what goes first.</p>
        {failure !== null && (
          <p className="alert" role="alert">
            {failure}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void ask()} data-testid="brand-delete-start">
            Delete {brand.name}…
          </button>
        </div>
      </div>
    );
  }
  return (
    <form className="form confirm-panel" onSubmit={(e) => void submit(e)} noValidate data-testid="brand-delete">
      <h3>Delete {brand.name}?</h3>
      <p data-testid="brand-delete-impact">
        This deletes its {formatNumber(impact.streams)} stream{impact.streams === 1 ? '' : 's'},{' '}
        {formatNumber(impact.mentions)} mention{impact.mentions === 1 ? '' : 's'} and {formatNumber(impact.replies)} repl
        {impact.replies === 1 ? 'y' : 'ies'} (replies already posted stay on the platforms), with its notes, response
        targets, alert rules, alerts and reports. It cannot be undone. The audit log keeps what happened.
      </p>
      <div className="field">
        <label htmlFor={nameId}>Type the brand name to confirm</label>
        <input
          id={nameId}
          autoComplete="off"
          {...form.register('confirmName')}
          aria-invalid={nameError !== undefined ? true : undefined}
          aria-describedby={nameError !== undefined ? `${nameId}-error` : undefined}
          data-testid="brand-delete-name"
        />
        {nameError !== undefined && (
          <span id={`${nameId}-error`} className="field-error" role="alert">
            {nameError}
          </span>
        )}
      </div>
      <FormFailure messages={[failure, form.formState.errors.root?.message, remove.failure]} />
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setImpact(null)}>
          Keep it
        </button>
        <button type="submit" className="button danger" disabled={remove.pending || typed.trim() !== brand.name} data-testid="brand-delete-confirm">
          {remove.pending ? 'Deleting…' : 'Delete brand'}
        </button>
      </div>
    </form>
  );
}

/** A brand's own settings: automatic assignment, and deleting it. */
export function BrandSettingsSection({ brands, onBrandsChanged }: { brands: BrandDto[]; onBrandsChanged(): void }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const brand = brands.find((b) => b.id === chosen) ?? brands[0];
  const selectId = useId();
  return (
    <section className={cx('settings-section', styles.brandSettings)} aria-labelledby="brand-settings-heading" data-testid="brand-settings">
      <h2 id="brand-settings-heading">Brands</h2>
      {notice !== null && (
        <p className="saved" role="status" data-testid="brand-settings-notice">
          {notice}
        </p>
      )}
      {brand === undefined ? (
        <p className="placeholder">No brands yet. Create a stream with a new brand first.</p>
      ) : (
        <>
          {brands.length > 1 && (
            <div className="field inline">
              <label htmlFor={selectId}>Brand</label>
              <select id={selectId} value={brand.id} onChange={(e) => setChosen(e.target.value)} data-testid="brand-settings-brand">
                {brands.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {/* Keyed by brand: switching brands starts from that brand's stored settings. */}
          <div className="card" key={`assign-${brand.id}`}>
            <AutoAssignForm brand={brand} onSaved={onBrandsChanged} />
          </div>
          <div className="card" key={`delete-${brand.id}`}>
            <DeleteBrandForm
              brand={brand}
              onDeleted={() => {
                setNotice(`Brand "${brand.name}" deleted.`);
                setChosen(null);
                onBrandsChanged();
              }}
            />
          </div>
        </>
      )}
    </section>
  );
}
