/** Texts with unambiguous sentiment, for tests that check what the pipeline stored. */
export const KNOWN_SAMPLE = [
  { id: 'k1', text: '@DemoAir my flight was cancelled and I have been stranded for 5 hours, worst service ever' },
  { id: 'k2', text: '@DemoAir thank you so much, the crew was wonderful and the flight was great!' },
  { id: 'k3', text: '@DemoAir what time does the check-in desk open tomorrow?' },
  { id: 'k4', text: '@DemoAir lost my bag again. Terrible. Still waiting for an answer' },
  { id: 'k5', text: '@DemoAir boarding now' },
];
