import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, type CallInput, type CallOutput } from '../../../lib/api-client';

export type WebhookEndpoint = CallOutput<typeof ROUTES.listWebhooks>['items'][number];
export type WebhookDelivery = CallOutput<typeof ROUTES.webhookDeliveries>['items'][number];
export type WebhookWithSecret = CallOutput<typeof ROUTES.createWebhook>;
export type CreateWebhookInput = CallInput<typeof ROUTES.createWebhook>['body'];
export type UpdateWebhookInput = CallInput<typeof ROUTES.updateWebhook>['body'];

export const webhooksKey = (organisationId: string) => ['organisations', organisationId, 'webhooks'] as const;
export const deliveriesKey = (endpointId: string) => ['webhooks', endpointId, 'deliveries'] as const;

export function useWebhooks(organisationId: string | undefined) {
  return useQuery({
    queryKey: webhooksKey(organisationId ?? ''),
    queryFn: () => call(ROUTES.listWebhooks, { params: { id: organisationId! } }),
    enabled: !!organisationId,
  });
}

/** An endpoint's latest deliveries, read again every few seconds while retries may be under way. */
export function useWebhookDeliveries(endpointId: string) {
  return useQuery({
    queryKey: deliveriesKey(endpointId),
    queryFn: () => call(ROUTES.webhookDeliveries, { params: { id: endpointId } }),
    refetchInterval: 3_000,
  });
}

export function useCreateWebhook(organisationId: string, onSuccess: (w: WebhookWithSecret) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookInput) =>
      call(ROUTES.createWebhook, { params: { id: organisationId }, body }),
    onSuccess: (w) => {
      void queryClient.invalidateQueries({ queryKey: webhooksKey(organisationId) });
      onSuccess(w);
    },
  });
}

/** Every action on one endpoint; each refreshes the list and the endpoint's log. */
export function useWebhookActions(endpoint: WebhookEndpoint) {
  const queryClient = useQueryClient();
  const params = { id: endpoint.id };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: webhooksKey(endpoint.organisationId) });
    void queryClient.invalidateQueries({ queryKey: deliveriesKey(endpoint.id) });
  };
  return {
    update: useMutation({
      mutationFn: (body: UpdateWebhookInput) => call(ROUTES.updateWebhook, { params, body }),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: () => call(ROUTES.deleteWebhook, { params }), onSuccess: refresh }),
    rotate: useMutation({
      mutationFn: () => call(ROUTES.rotateWebhookSecret, { params }),
      onSuccess: refresh,
    }),
    test: useMutation({ mutationFn: () => call(ROUTES.testWebhook, { params }), onSuccess: refresh }),
  };
}
