/** A 1x1 PNG (one StockPulse-green pixel), base64: the image of image content and blobs. */
export const PIXEL_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGMQW+wFAAHWAQSeqOZrAAAAAElFTkSuQmCC';

/** A WAV file of 8 silent 16-bit mono samples at 8 kHz, base64: the audio of audio content. */
export const SILENCE_WAV_BASE64 =
  'UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YRAAAAAAAAAAAAAAAAAAAAAAAAAA';
