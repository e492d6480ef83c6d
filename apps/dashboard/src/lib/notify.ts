import { notifications } from '@mantine/notifications';
import { getErrorMessage } from './errors';

/** Feedback after a mutation: every change the seller makes is confirmed or explained. */
export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message, autoClose: 4000 });
}

export function notifyError(error: unknown, title = 'Something went wrong'): void {
  notifications.show({ color: 'red', title, message: getErrorMessage(error), autoClose: 8000 });
}

/** Neither a success nor a failure: something the seller asked to stop, stopped. */
export function notifyInfo(message: string, title?: string): void {
  notifications.show({ color: 'gray', title, message, autoClose: 4000 });
}
