import type { NotificationRow, notificationFields } from '../../schema/notifications.ts'

/** A notification as the inbox holds it: title and body opened. */
export type OpenNotification = ReturnType<typeof notificationFields.open<NotificationRow>>
