import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Small media made with Debian's ffmpeg for the video tests: a 4-second 160×120 clip (H.264 MP4
 * with faststart, and VP8 WebM, which every Chromium build plays) and a poster image. Made once per
 * process, in a temporary folder.
 */
let made: { mp4: Buffer; webm: Buffer; png: Buffer; dir: string } | null = null;

export function testMedia(): { mp4: Buffer; webm: Buffer; png: Buffer; dir: string } {
  if (made) return made;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coper-video-'));
  const mp4 = path.join(dir, 'clip.mp4');
  const webm = path.join(dir, 'clip.webm');
  const png = path.join(dir, 'poster.png');
  const quiet = ['-hide_banner', '-loglevel', 'error', '-y'];
  execFileSync('ffmpeg', [...quiet, '-f', 'lavfi', '-i', 'testsrc=duration=4:size=160x120:rate=10', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-movflags', '+faststart', mp4]);
  execFileSync('ffmpeg', [...quiet, '-f', 'lavfi', '-i', 'testsrc=duration=4:size=160x120:rate=10', '-c:v', 'libvpx', '-b:v', '200k', webm]);
  execFileSync('ffmpeg', [...quiet, '-f', 'lavfi', '-i', 'testsrc=size=160x120', '-frames:v', '1', png]);
  made = { mp4: fs.readFileSync(mp4), webm: fs.readFileSync(webm), png: fs.readFileSync(png), dir };
  return made;
}

/** WebVTT captions with two cues. */
export const VTT_FR = Buffer.from('WEBVTT\n\n1\n00:00:00.500 --> 00:00:02.000\nBonjour la <i>classe</i>\n\n2\n00:00:02.000 --> 00:00:03.900\nRegardez le tableau numérique\n');
export const VTT_EN = Buffer.from('WEBVTT\n\n00:00.500 --> 00:02.000\nHello class\n\n00:02.000 --> 00:03.900\nLook at the whiteboard\n');
