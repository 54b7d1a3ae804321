/** Calls: voice, video and screen sharing in a room or with a pair-mode partner. */
export { Call, CallError, CALL_CHANNEL, CALL_LIMITS } from './call.js';
export type { CallEventMap, CallErrorCode, CallGroup, CallLimits, CallOptions, CallPeer } from './call.js';
export { OUT_OF_CALL } from './call-state.js';
export type { AudioState, CallPeerState, VideoState } from './call-state.js';
export { CallDeviceError, captureCamera, captureMicrophone, captureScreen, deviceError, listDevices } from './devices.js';
export type { CallDeviceErrorCode, DeviceChoice, DeviceKind } from './devices.js';
