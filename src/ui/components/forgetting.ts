/** What forgetting means (src/lifecycle/forgetting.ts), said the same way wherever Hearth forgets. */
export const FORGETTING_IS_FINAL =
  'Hearth destroys the keys that could open it: not even your passphrase can bring it back. A backup you made before still contains it; restoring that backup is the only way back.'
