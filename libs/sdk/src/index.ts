export * from './errors';
export * from './http';
export * from './seller';
export * from './client';
export * from './reseller';
export * from './webhooks';
export {
  createNonce,
  KeyholdSignatureError,
  PinnedKeys,
  RANGED_SIGNATURE_COMPONENTS,
  sha256OfDigestField,
  signatureBase,
  verifyAnswerBody,
  verifyAnswerSignature,
  verifyEd25519,
} from './answer-signatures';
export type { AnswerHeaders, SignatureFailureReason, SignedExchange, VerifiedAnswer, VerifyAnswerOptions } from './answer-signatures';
export { OfflineLicenseError, verifyOfflineLicense } from './offline-licenses';
export type { OfflineLicenseFailureReason, VerifyOfflineLicenseOptions } from './offline-licenses';
export {
  isInnerList,
  parseDictionary,
  serializeInnerList,
  serializeItem,
  SfDecimal,
  SfToken,
  StructuredFieldError,
} from './structured-fields';
export type { BareItem, Dictionary, DictionaryMember, InnerList, Item, Parameters } from './structured-fields';
export { Sha256 } from './sha256';
