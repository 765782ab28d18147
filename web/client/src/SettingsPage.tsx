import type { BrandDto } from '../../src/api/contract.ts';
import { AgreementTable } from './AgreementTable.tsx';
import { ConnectionsSection } from './ConnectionsSection.tsx';
import { NotificationChannelsSection } from './NotificationChannelsSection.tsx';
import { SlaPolicySection } from './SlaPolicySection.tsx';

/** Admin settings: platform credentials, response targets, notification channels, and how well the model does. */
export function SettingsPage({ brands }: { brands: BrandDto[] }) {
  return (
    <main className="page" aria-labelledby="settings-heading">
      <div className="page-inner">
        <div className="page-top">
          <h1 id="settings-heading">Settings</h1>
        </div>
        <ConnectionsSection />
        <SlaPolicySection brands={brands} />
        <NotificationChannelsSection brands={brands} />
        <AgreementTable />
      </div>
    </main>
  );
}
