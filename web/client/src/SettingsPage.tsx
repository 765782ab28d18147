import type { BrandDto } from '../../src/api/contract.ts';
import { AgreementTable } from './AgreementTable.tsx';
import { BrandSettingsSection } from './BrandSettingsSection.tsx';
import { ConnectionsSection } from './ConnectionsSection.tsx';
import { NotificationChannelsSection } from './NotificationChannelsSection.tsx';
import { SavedRepliesSection } from './SavedRepliesSection.tsx';
import { SlaPolicySection } from './SlaPolicySection.tsx';

/**
 * Settings for managers and admins: response targets, brands (automatic assignment, deleting),
 * notification channels and how well the model does; platform credentials for admins only
 * (the API refuses them to anyone else).
 */
export function SettingsPage({ brands, isAdmin, onBrandsChanged }: { brands: BrandDto[]; isAdmin: boolean; onBrandsChanged?: () => void }) {
  return (
    <main className="page" aria-labelledby="settings-heading">
      <div className="page-inner">
        <div className="page-top">
          <h1 id="settings-heading">Settings</h1>
        </div>
        {isAdmin && (
          <div id="connections">
            <ConnectionsSection />
          </div>
        )}
        <SlaPolicySection brands={brands} />
        <BrandSettingsSection brands={brands} onBrandsChanged={onBrandsChanged ?? (() => undefined)} />
        <NotificationChannelsSection brands={brands} />
        <SavedRepliesSection brands={brands} />
        <AgreementTable />
      </div>
    </main>
  );
}
