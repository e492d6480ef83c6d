import type { AppResponse } from '@keyhold/contracts';
import { useOutletContext } from 'react-router';

export interface AppOutletContext {
  app: AppResponse;
}

/**
 * The app of the /apps/:appId/* pages, loaded once by the app's layout (features/apps) and handed
 * down through the router's outlet context, so per-app features need not import the apps feature.
 */
export function useCurrentApp(): AppResponse {
  const context = useOutletContext<AppOutletContext | undefined>();
  if (!context?.app) throw new Error('useCurrentApp() used outside the /apps/:appId layout');
  return context.app;
}
