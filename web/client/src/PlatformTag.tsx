import { platformLabel } from './format.ts';

export function PlatformTag({ platform }: { platform: string }) {
  return (
    <span className={`platform platform-${platform.replace(/[^a-z0-9]/gi, '')}`} data-testid="platform">
      {platformLabel(platform)}
    </span>
  );
}
