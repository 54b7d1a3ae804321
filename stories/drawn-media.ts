/**
 * Media for stories that must not ask the visitor for their camera: a drawn "camera" (a canvas
 * with the person's initials and a moving light) and a silent "microphone". `<peer-call>` takes
 * them through its `capture` property, as an app would give it a processed camera.
 */
import type { DeviceKind } from '../src/core/call/devices.js';

function drawnCamera(name: string, hue: number): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const draw = canvas.getContext('2d')!;
  const initials = name.split(/\s+/).map((part) => part[0] ?? '').join('').slice(0, 2).toUpperCase();
  const paint = (time: number) => {
    const x = 320 + Math.sin(time / 900) * 200;
    const gradient = draw.createRadialGradient(x, 120, 10, x, 120, 420);
    gradient.addColorStop(0, `hsl(${hue} 70% 70%)`);
    gradient.addColorStop(1, `hsl(${hue} 45% 25%)`);
    draw.fillStyle = gradient;
    draw.fillRect(0, 0, 640, 360);
    draw.fillStyle = 'rgb(255 255 255 / 0.9)';
    draw.font = '600 96px system-ui, sans-serif';
    draw.textAlign = 'center';
    draw.textBaseline = 'middle';
    draw.fillText(initials, 320, 190);
    if (track.readyState === 'live') requestAnimationFrame(paint);
  };
  const track = canvas.captureStream(30).getVideoTracks()[0]!;
  requestAnimationFrame(paint);
  return track;
}

function silentMicrophone(): MediaStreamTrack {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  const track = destination.stream.getAudioTracks()[0]!;
  track.addEventListener('ended', () => void context.close());
  return track;
}

/** A `capture` for `<peer-call>`: drawn camera, silent microphone, and the drawn camera again for a "screen". */
export function drawnCapture(name: string, hue: number): (kind: DeviceKind) => Promise<MediaStreamTrack> {
  return async (kind) => (kind === 'microphone' ? silentMicrophone() : drawnCamera(kind === 'screen' ? `${name} screen` : name, kind === 'screen' ? (hue + 180) % 360 : hue));
}
