import { useParams } from 'react-router';

/** The `:appId` of the per-app pages (mounted under /apps/:appId only). */
export function useAppId(): string {
  const { appId } = useParams();
  if (!appId) throw new Error('useAppId() used outside /apps/:appId');
  return appId;
}
