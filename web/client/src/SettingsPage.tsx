import type { BrandDto } from '../../src/api/contract.ts';
import { AgreementTable } from './AgreementTable.tsx';
import { ConnectionsSection } from './ConnectionsSection.tsx';
import { NotificationChannelsSection } from './NotificationChannelsSection.tsx';
import { SavedRepliesSection } from './SavedRepliesSection.tsx';
import { SlaPolicySection } from './SlaPolicySection.tsx';

/**
 * Settings for managers and admins: response targets, notification channels and how well the
 * model does; platform credentials for admins only (the API refuses them to anyone else).
 */
export function SettingsPage({ brands, isAdmin }: { brands: BrandDto[]; isAdmin: boolean }) {
  return (
    <main className="page" aria-labelledby="settings-heading">
      <div className="page-inner">
        <div className="page-top">
          <h1 id="settings-heading">Settings</h1>
        </div>
        {isAdmin && <ConnectionsSection />}
        <SlaPolicySection brands={brands} />
        <NotificationChannelsSection brands={brands} />
        <SavedRepliesSection brands={brands} />
        <AgreementTable />
      </div>
    </main>
  );
}
