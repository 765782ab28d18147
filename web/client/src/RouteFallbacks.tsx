import { Link, useRouterState, type ErrorComponentProps } from '@tanstack/react-router';

/** An address no route names: said plainly, instead of showing the inbox as if it were the page asked for. */
export function NotFound() {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <main className="page" data-testid="not-found">
      <div className="page-inner">
        <h1>Page not found</h1>
        <p>
          Nothing lives at <code>{pathname}</code>. The link may be mistyped or out of date. <Link to="/">Go to the inbox</Link>.
        </p>
      </div>
    </main>
  );
}

/** While a screen's code is on its way (shown only if that takes a moment). */
export function ScreenLoading() {
  return (
    <main className="page">
      <div className="page-inner">
        <p className="placeholder" role="status">
          Loading…
        </p>
      </div>
    </main>
  );
}

/**
 * A screen that failed to load or to render. The usual cause is a new version of Earshot
 * installed while this page was open (its old code files are gone): reloading fetches the new one.
 */
export function ScreenError({ error }: ErrorComponentProps) {
  return (
    <main className="page" data-testid="screen-error">
      <div className="page-inner">
        <h1>This screen could not be shown</h1>
        <p className="alert" role="alert">
          {error instanceof Error ? error.message : String(error)}
        </p>
        <p>
          If Earshot was just updated, reloading the page loads the new version.{' '}
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </p>
      </div>
    </main>
  );
}
