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

/** Uploads with progress (0-1) reported to `onProgress` as the bytes go out; `cancel` aborts it. */
export function useUploadFile(appId: string, onProgress: (fraction: number) => void) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...fileKeys.all, 'upload', appId],
    mutationFn: ({ cancel, ...input }: Omit<UploadFileInput, 'appId'> & { cancel?: AbortSignal }) =>
      uploadClient(onProgress, cancel).files.upload({ ...input, appId }),
    onSuccess: () => void refresh(),
  });
}

/** New bytes for a file (name and subscriptions stay), with progress; `cancel` aborts it. */
export function useReplaceFileContent(appId: string, onProgress: (fraction: number) => void) {
  const refresh = useRefresh(appId);
  return useMutation({
    mutationKey: [...fileKeys.all, 'replace', appId],
    mutationFn: ({ id, file, cancel }: { id: string; file: File; cancel?: AbortSignal }) =>
      uploadClient(onProgress, cancel).files.replaceContent(id, file, file.name),
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
