import { useState } from 'react';
import type { TeamUserDto } from '../../src/api/contract.ts';
import type { BrandLimitBody } from '../../src/api/brand-access-contract.ts';
import { api, errorMessage } from './api.ts';

interface Brand {
  id: string;
  name: string;
}

/**
 * Which brands a user sees: "All brands", or the ones ticked. Ticking none lifts the limit; an
 * admin can only give brands they see themselves (the list is theirs).
 */
export function UserBrandsControl({ user, brands, onSaved }: { user: TeamUserDto; brands: Brand[]; onSaved(user: TeamUserDto): void }) {
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set(user.brandIds));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameOf = new Map(brands.map((b) => [b.id, b.name]));
  const summary = user.brandIds.length === 0 ? 'All brands' : user.brandIds.map((id) => nameOf.get(id) ?? 'a brand you cannot see').join(', ');

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: BrandLimitBody = { brandIds: [...chosen] };
      const res = await api<{ user: TeamUserDto }>('PUT', `/api/users/${user.id}/brands`, { body });
      onSaved(res.user);
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    }
    setBusy(false);
  };

  if (!editing) {
    return (
      <div data-testid="user-brands">
        <bdi data-testid="user-brands-summary">{summary}</bdi>{' '}
        <button
          type="button"
          className="button small"
          onClick={() => {
            setChosen(new Set(user.brandIds));
            setEditing(true);
          }}
          data-testid="edit-user-brands"
        >
          Change
        </button>
      </div>
    );
  }
  return (
    <fieldset className="brand-limit" data-testid="user-brands-form">
      <legend className="small">Brands {user.email} sees (none ticked: all brands)</legend>
      {brands.length === 0 && <p className="muted small">No brands yet.</p>}
      {brands.map((b) => (
        <label key={b.id} className="block small">
          <input
            type="checkbox"
            checked={chosen.has(b.id)}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(b.id);
              else next.delete(b.id);
              setChosen(next);
            }}
            data-testid="user-brand-option"
            data-brand={b.name}
          />{' '}
          <bdi>{b.name}</bdi>
        </label>
      ))}
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button small primary" disabled={busy} onClick={() => void save()} data-testid="save-user-brands">
        {busy ? 'Saving…' : 'Save'}
      </button>{' '}
      <button type="button" className="button small" disabled={busy} onClick={() => setEditing(false)}>
        Cancel
      </button>
    </fieldset>
  );
}
