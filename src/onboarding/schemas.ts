import { z } from 'zod';
import { body, flag } from '../content/forms';

/** Introduce yourself: a few words, and whether to share them in the community's introductions thread. */
export const introSchema = z.object({ body: body('onboarding.errors.intro'), share: flag });
