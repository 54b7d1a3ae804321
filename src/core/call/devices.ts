/**
 * Microphones, cameras and the screen: asking for them with errors a person can act on, and
 * listing them for a picker. The browser's own errors (NotAllowedError, NotFoundError…) differ
 * between engines and between "you said no" and "the system said no"; a CallDeviceError names
 * what the user can do about it.
 */

export type DeviceKind = 'microphone' | 'camera' | 'screen';

export type CallDeviceErrorCode =
  /** The user (or the browser's settings) refused: ask again from a button, or change the site's permission. */
  | 'permission-denied'
  /** No such device (none plugged in, or the chosen one is gone). */
  | 'no-device'
  /** The device is there but another program holds it, or the hardware failed. */
  | 'device-busy'
  /** It was working and stopped during the call: unplugged, switched off, or taken by the system. */
  | 'device-lost'
  /** This browser (or an insecure page) cannot capture this. */
  | 'unsupported';

export class CallDeviceError extends Error {
  override readonly name = 'CallDeviceError';
  constructor(
    readonly code: CallDeviceErrorCode,
    readonly device: DeviceKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}

/** A browser's capture error (NotAllowedError, NotFoundError…) as the CallDeviceError a person can act on; a CallDeviceError stays as it is. */
export function deviceError(device: DeviceKind, error: unknown): CallDeviceError {
  if (error instanceof CallDeviceError) return error;
  const name = (error as { name?: string } | undefined)?.name;
  const message = (error as Error | undefined)?.message ?? String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CallDeviceError('permission-denied', device, message, { cause: error });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new CallDeviceError('no-device', device, message, { cause: error });
    case 'NotReadableError':
    case 'AbortError':
      return new CallDeviceError('device-busy', device, message, { cause: error });
    default:
      return new CallDeviceError('unsupported', device, message, { cause: error });
  }
}

/** The media devices API, or a CallDeviceError (`unsupported`): it is missing on insecure pages. */
function mediaDevices(device: DeviceKind): MediaDevices {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices) throw new CallDeviceError('unsupported', device, 'this page cannot reach media devices (a secure context is needed)');
  return navigator.mediaDevices;
}

/** A microphone track (echo cancellation and noise suppression on); `deviceId` picks one. */
export async function captureMicrophone(deviceId?: string): Promise<MediaStreamTrack> {
  try {
    const stream = await mediaDevices('microphone').getUserMedia({ audio: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), echoCancellation: true, noiseSuppression: true } });
    return stream.getAudioTracks()[0]!;
  } catch (error) {
    throw deviceError('microphone', error);
  }
}

/** A camera track, at most 1280×720 (a tile in a grid needs no more); `deviceId` picks one. */
export async function captureCamera(deviceId?: string): Promise<MediaStreamTrack> {
  try {
    const stream = await mediaDevices('camera').getUserMedia({ video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 } } });
    return stream.getVideoTracks()[0]!;
  } catch (error) {
    throw deviceError('camera', error);
  }
}

/** The screen (or a window, or a tab) the user picks; its track ends when they stop sharing from the browser's own UI. */
export async function captureScreen(): Promise<MediaStreamTrack> {
  try {
    const devices = mediaDevices('screen');
    if (typeof devices.getDisplayMedia !== 'function') throw new CallDeviceError('unsupported', 'screen', 'this browser cannot share the screen');
    const stream = await devices.getDisplayMedia({ video: true, audio: false });
    return stream.getVideoTracks()[0]!;
  } catch (error) {
    throw deviceError('screen', error);
  }
}

export interface DeviceChoice {
  readonly id: string;
  /** The device's name; empty until the user has allowed the page some device of that kind. */
  readonly label: string;
}

/** The microphones and cameras there are now, for a picker. */
export async function listDevices(): Promise<{ microphones: DeviceChoice[]; cameras: DeviceChoice[] }> {
  const all = await mediaDevices('microphone').enumerateDevices();
  const of = (kind: MediaDeviceKind) => all.filter((device) => device.kind === kind && device.deviceId).map((device) => ({ id: device.deviceId, label: device.label }));
  return { microphones: of('audioinput'), cameras: of('videoinput') };
}
