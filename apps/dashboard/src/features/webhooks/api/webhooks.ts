import type { CreateWebhookRequest, ListWebhookDeliveriesQuery, UpdateWebhookRequest } from '@keyhold/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { webhookKeys } from './webhook-keys';

export function webhooksQueryOptions(appId: string) {
  return queryOptions({ queryKey: webhookKeys.list(appId), queryFn: () => sdk.webhooks.list(appId) });
}

export function useWebhooks(appId: string) {
  return useQuery(webhooksQueryOptions(appId));
}

export function deliveriesQueryOptions(webhookId: string, query: ListWebhookDeliveriesQuery) {
  return queryOptions({
    queryKey: webhookKeys.deliveryList(webhookId, query),
    queryFn: () => sdk.webhooks.deliveries(webhookId, query),
    placeholderData: keepPreviousData,
    // Deliveries move on their own (retries): keep the log fresh while it is open.
    refetchInterval: 5_000,
  });
}

export function useDeliveries(webhookId: string, query: ListWebhookDeliveriesQuery, enabled = true) {
  return useQuery({ ...deliveriesQueryOptions(webhookId, query), enabled });
}

function useRefresh(appId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhookKeys.list(appId) });
}

/** The answer carries the signing secret, shown once by the modal and never cached. */
export function useCreateWebhook(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...webhookKeys.all, 'create', appId],
    mutationFn: (body: Omit<CreateWebhookRequest, 'appId'>) => sdk.webhooks.create({ ...body, appId }),
    onSuccess: () => void refresh(),
  });
}

export function useUpdateWebhook(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...webhookKeys.all, 'update', appId],
    mutationFn: ({ id, body }: { id: string; body: UpdateWebhookRequest }) => sdk.webhooks.update(id, body),
    onSuccess: () => void refresh(),
  });
}

export function useDeleteWebhook(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...webhookKeys.all, 'delete', appId],
    mutationFn: (id: string) => sdk.webhooks.remove(id),
    onSuccess: () => void refresh(),
  });
}

/** A new secret (shown once); the old one stops signing at once. */
export function useRotateWebhookSecret(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...webhookKeys.all, 'rotate-secret', appId],
    mutationFn: (id: string) => sdk.webhooks.rotateSecret(id),
    onSuccess: () => void refresh(),
  });
}

/** Queues a `webhook.test` delivery to this endpoint; the log shows how it went. */
export function useSendTestEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...webhookKeys.all, 'test'],
    mutationFn: (id: string) => sdk.webhooks.test(id),
    onSuccess: (_delivery, id) => void queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
  });
}

export function useRedeliver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...webhookKeys.all, 'redeliver'],
    mutationFn: ({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) => sdk.webhooks.redeliver(webhookId, deliveryId),
    onSuccess: (_delivery, { webhookId }) => void queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(webhookId) }),
  });
}
