import { useState } from 'react';
import { useController, useForm } from 'react-hook-form';
import type { TeamUserDto } from '../../src/api/contract.ts';
import type { BrandLimitBody } from '../../src/api/brand-access-contract.ts';
import { brandLimitFieldOf, brandLimitResolver, putTeamUser, type BrandLimitForm } from './account-forms.ts';
import { FieldError } from './FormField.tsx';
import { useFormMutation } from './hooks/use-form-mutation.ts';

interface Brand {
  id: string;
  name: string;
}

/**
 * Which brands a user sees: "All brands", or the ones ticked. Ticking none lifts the limit; an
 * admin can only give brands they see themselves (the list is theirs).
 */
export function UserBrandsControl({ user, brands }: { user: TeamUserDto; brands: Brand[] }) {
  const [editing, setEditing] = useState(false);
  const nameOf = new Map(brands.map((b) => [b.id, b.name]));
  const summary = user.brandIds.length === 0 ? 'All brands' : user.brandIds.map((id) => nameOf.get(id) ?? 'a brand you cannot see').join(', ');

  if (!editing) {
    return (
      <div data-testid="user-brands">
        <bdi data-testid="user-brands-summary">{summary}</bdi>{' '}
        <button type="button" className="button small" onClick={() => setEditing(true)} data-testid="edit-user-brands">
          Change
        </button>
      </div>
    );
  }
  return <BrandLimitFieldset user={user} brands={brands} onDone={() => setEditing(false)} />;
}

/** The ticks, from the user's brands as they are when opened; saved into the team list. */
function BrandLimitFieldset({ user, brands, onDone }: { user: TeamUserDto; brands: Brand[]; onDone(): void }) {
  const form = useForm<BrandLimitForm>({ resolver: brandLimitResolver, defaultValues: { brandIds: user.brandIds } });
  // Ticks in a group are one value (the chosen ids), whatever the number of brands.
  const { field } = useController({ control: form.control, name: 'brandIds' });
  const errors = form.formState.errors;
  const save = useFormMutation(form, brandLimitFieldOf, {
    request: (body: BrandLimitBody) => ({ method: 'PUT', path: `/api/users/${user.id}/brands`, body }),
    put: ({ user: saved }: { user: TeamUserDto }) => putTeamUser(saved),
    onSuccess: onDone,
  });
  const submit = form.handleSubmit((values) => save.send({ brandIds: values.brandIds }));
  const problem = errors.brandIds?.message ?? errors.root?.message ?? save.failure ?? undefined;

  return (
    <fieldset className="brand-limit" data-testid="user-brands-form">
      <legend className="small">Brands {user.email} sees (none ticked: all brands)</legend>
      {brands.length === 0 && <p className="muted small">No brands yet.</p>}
      {brands.map((b) => (
        <label key={b.id} className="block small">
          <input
            type="checkbox"
            checked={field.value.includes(b.id)}
            onChange={(e) => field.onChange(e.target.checked ? [...field.value, b.id] : field.value.filter((id) => id !== b.id))}
            onBlur={field.onBlur}
            data-testid="user-brand-option"
            data-brand={b.name}
          />{' '}
          <bdi>{b.name}</bdi>
        </label>
      ))}
      <div>
        <FieldError message={problem} testId="user-brands-error" />
      </div>
      <button type="button" className="button small primary" disabled={save.pending} onClick={() => void submit()} data-testid="save-user-brands">
        {save.pending ? 'Saving…' : 'Save'}
      </button>{' '}
      <button type="button" className="button small" disabled={save.pending} onClick={onDone}>
        Cancel
      </button>
    </fieldset>
  );
}
