export type {
  Bus,
  BusMessage,
  HeaderMap,
  RequestOptions,
  PublishOptions,
  SubscribeOptions,
  Subscription,
  MessageHandler,
  PublishAck,
  StreamMessage,
  KvEntry,
  KvStore,
  ConsumeOptions,
  ConsumerHandle,
  Provisioning,
} from './types.js';
export { createBus, NatsBus, type BusOptions } from './nats-bus.js';
export { mapNatsError } from './errors.js';
