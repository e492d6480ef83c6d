import type { ListFilesQuery, UpdateFileRequest } from '@keyhold/contracts';
import type { UploadFileInput } from '@keyhold/sdk';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sdk, uploadClient } from '@/lib/sdk';
import { fileKeys } from './file-keys';

export function filesQueryOptions(query: ListFilesQuery) {
  return queryOptions({ queryKey: fileKeys.list(query), queryFn: () => sdk.files.list(query), placeholderData: keepPreviousData });
}

export function useFiles(query: ListFilesQuery) {
  return useQuery(filesQueryOptions(query));
}

function useRefresh(appId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: fileKeys.appLists(appId) });
}

/** Uploads with progress (0-1) reported to `onProgress` as the bytes go out. */
export function useUploadFile(appId: string, onProgress: (fraction: number) => void) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...fileKeys.all, 'upload', appId],
    mutationFn: (input: Omit<UploadFileInput, 'appId'>) => uploadClient(onProgress).files.upload({ ...input, appId }),
    onSuccess: () => void refresh(),
  });
}

export function useUpdateFile(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...fileKeys.all, 'update', appId],
    mutationFn: ({ id, body }: { id: string; body: UpdateFileRequest }) => sdk.files.update(id, body),
    onSuccess: () => void refresh(),
  });
}

export function useDeleteFile(appId: string) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...fileKeys.all, 'delete', appId],
    mutationFn: (id: string) => sdk.files.remove(id),
    onSuccess: () => void refresh(),
  });
}
