import type { ListWebhookDeliveriesQuery } from '@keyhold/contracts';

/** Query keys of the webhooks feature. */
export const webhookKeys = {
  all: ['webhooks'] as const,
  lists: () => [...webhookKeys.all, 'list'] as const,
  list: (appId: string) => [...webhookKeys.lists(), appId] as const,
  deliveries: (webhookId: string) => [...webhookKeys.all, 'deliveries', webhookId] as const,
  deliveryList: (webhookId: string, query: ListWebhookDeliveriesQuery) => [...webhookKeys.deliveries(webhookId), query] as const,
};
