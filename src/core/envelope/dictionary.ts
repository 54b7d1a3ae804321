/**
 * Preset deflate dictionary, codec 1. Signals are short, so a plain deflate has almost nothing
 * to refer back to; seeding the window with the text an envelope usually contains (the JSON
 * frame and WebRTC SDP exactly as it appears JSON-escaped) makes a sealed offer smaller than
 * the raw unsigned one. Most frequent text last: it gets the shortest distances.
 *
 * Frozen: envelopes sealed with codec 1 only open with exactly these bytes (a test pins its
 * digest). To change it, add codec 2 and keep this one for opening.
 */
import { utf8Encode } from '../util/bytes.js';

const parts = [
  // Audio/video sections (rarer than data channels in this kit, so earlier in the window).
  'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\\r\\n',
  'a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay\\r\\n',
  'a=extmap:6 http://www.webrtc.org/experiments/rtp-hdrext/video-content-type\\r\\n',
  'a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/video-timing\\r\\n',
  'a=extmap:8 http://www.webrtc.org/experiments/rtp-hdrext/color-space\\r\\n',
  'a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\\r\\n',
  'a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id\\r\\n',
  'a=extmap:13 urn:3gpp:video-orientation\\r\\na=extmap:14 urn:ietf:params:rtp-hdrext:toffset\\r\\n',
  'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f\\r\\n',
  'a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f\\r\\n',
  'a=fmtp:45 level-idx=5;profile=0;tier=0\\r\\na=fmtp:98 profile-id=0\\r\\n',
  'a=rtpmap:96 VP8/90000\\r\\na=rtpmap:98 VP9/90000\\r\\na=rtpmap:45 AV1/90000\\r\\na=rtpmap:102 H264/90000\\r\\n',
  'a=rtcp-fb:96 goog-remb\\r\\na=rtcp-fb:96 transport-cc\\r\\na=rtcp-fb:96 ccm fir\\r\\na=rtcp-fb:96 nack\\r\\na=rtcp-fb:96 nack pli\\r\\n',
  'a=rtpmap:97 rtx/90000\\r\\na=fmtp:97 apt=96\\r\\n',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120\\r\\n',
  'a=ssrc-group:FID ',
  'a=rtpmap:111 opus/48000/2\\r\\na=rtcp-fb:111 transport-cc\\r\\na=fmtp:111 minptime=10;useinbandfec=1\\r\\n',
  'a=rtpmap:63 red/48000/2\\r\\na=fmtp:63 111/111\\r\\na=rtpmap:9 G722/8000\\r\\na=rtpmap:0 PCMU/8000\\r\\na=rtpmap:8 PCMA/8000\\r\\n',
  'a=rtpmap:13 CN/8000\\r\\na=rtpmap:110 telephone-event/48000\\r\\na=rtpmap:126 telephone-event/8000\\r\\n',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\\r\\nc=IN IP4 0.0.0.0\\r\\na=rtcp:9 IN IP4 0.0.0.0\\r\\n',
  'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\\r\\n',
  'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\\r\\n',
  'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\\r\\n',
  'a=sendrecv\\r\\na=recvonly\\r\\na=sendonly\\r\\na=inactive\\r\\na=msid:- ',
  '\\r\\na=rtcp-mux\\r\\na=rtcp-rsize\\r\\na=rtcp-xr:rcvr-rtt=all\\r\\n',
  'a=ssrc:',
  ' cname:',
  ' msid:- ',
  // Trickled candidates and renegotiation, as simple-peer emits them.
  '{"renegotiate":true}',
  '{"transceiverRequest":{"kind":"',
  ' typ srflx raddr ',
  ' rport ',
  ' typ relay raddr ',
  ' 1 tcp ',
  ' 9 typ host tcptype active generation 0 network-id 1',
  ' typ host generation 0 network-id 1 network-cost 10',
  ',"key":"-----BEGIN PGP PUBLIC KEY BLOCK-----\\n\\n',
  '\\n-----END PGP PUBLIC KEY BLOCK-----\\n"',
  '"body":{"type":"candidate","candidate":{"candidate":"candidate:',
  '","sdpMLineIndex":0,"sdpMid":"0","usernameFragment":"',
  '"}}}',
  // A data-channel offer or answer: the common case, so last.
  '"body":{"type":"answer","sdp":"v=0\\r\\no=- ',
  '\\r\\na=setup:active\\r\\na=mid:0\\r\\na=sctp-port:5000\\r\\na=max-message-size:262144\\r\\n"}}',
  '{"v":1,"ns":"',
  '","room":"',
  '","from":"',
  '","to":"',
  '","type":"signal","nonce":"',
  '","ts":17',
  ',"body":{"type":"offer","sdp":"v=0\\r\\no=- ',
  ' 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\na=group:BUNDLE 0\\r\\na=extmap-allow-mixed\\r\\na=msid-semantic: WMS\\r\\n',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel\\r\\nc=IN IP4 0.0.0.0\\r\\n',
  'a=candidate:',
  ' 1 udp 2113937151 ',
  ' 1 udp 2113942271 ',
  '.local ',
  ' typ host generation 0 network-cost 999\\r\\n',
  'a=ice-ufrag:',
  '\\r\\na=ice-pwd:',
  '\\r\\na=ice-options:trickle\\r\\na=fingerprint:sha-256 ',
  '\\r\\na=setup:actpass\\r\\na=mid:0\\r\\na=sctp-port:5000\\r\\na=max-message-size:262144\\r\\n"}}',
];

export const ENVELOPE_DICTIONARY_V1: Uint8Array = utf8Encode(parts.join(''));
