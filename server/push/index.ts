export { vapidKeys, type VapidKeys } from './vapid.ts'
export { subscribePush, unsubscribePush, countPushDevices, subscriptionInput, type SubscriptionInput } from './subscriptions.ts'
export { sendPush, type PushMessage } from './send-push.ts'
export { sendPushJob } from './jobs.ts'
