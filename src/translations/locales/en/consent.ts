/** English words of `<latch-consent-banner>`; they load with its chunk, not with the sign-in form. */
export const consent = {
  /** The region's accessible name and the banner's heading. */
  bannerTitle: 'Your privacy choices',
  /** The first layer's one sentence, in plain words. */
  bannerIntro:
    'We use cookies and similar tools for the purposes below: strictly necessary ones are always on, the others only if you agree, and you can change your mind at any time.',
  /** Names the list of purposes on the first layer. */
  bannerPurposes: 'Purposes',
  bannerAcceptAll: 'Accept all',
  bannerRejectAll: 'Reject all',
  bannerChoose: 'Choose',
  bannerSave: 'Save choices',
  bannerClose: 'Close',
  /** Shown when the browser sends Global Privacy Control. */
  bannerGpc: 'Your browser sends Global Privacy Control, so advertising and selling or sharing your data stay off unless you switch them on.',
  /** Asked again after the site changed its policy; `changes` is the site's own summary. */
  bannerChanged: 'What changed since you last chose: {changes}',
  /** Asked again after a change the site did not summarise. */
  bannerChangedGeneric: 'We changed how we use cookies since you last chose, so we ask again.',
  /** The heading of the per-purpose switches. */
  bannerChooseTitle: 'Choose what to allow',
  /** Beside a strictly necessary purpose's switch, which cannot be turned off. */
  bannerAlwaysOn: 'Always on',
  /** Announced after a choice is stored. */
  bannerSaved: 'Your choices are saved.',
  /** The control that reopens the choices (`mode="preferences"`). */
  bannerPreferences: 'Privacy choices',
  /** Where the site explains its use of cookies. */
  bannerPolicyLink: 'How we use cookies',
  purposeNecessaryTitle: 'Strictly necessary',
  purposeNecessaryDescription: 'Keeps the site working and secure: signing in, your basket, protection against fraud. Always on.',
  purposeFunctionalTitle: 'Functional',
  purposeFunctionalDescription: 'Remembers your settings, such as language and region, so you need not set them again.',
  purposeAnalyticsTitle: 'Analytics',
  purposeAnalyticsDescription: 'Counts visits and how pages are used, so we can see what works and improve the site.',
  purposeAdvertisingTitle: 'Advertising',
  purposeAdvertisingDescription: 'Lets us and our partners show you ads based on your visits and measure how they perform.',
  purposePersonalisationTitle: 'Personalisation',
  purposePersonalisationDescription: 'Tailors what you see here, such as recommendations, to what you looked at before.',
  purposeSaleShareTitle: 'Selling or sharing your data',
  purposeSaleShareDescription: 'Allows us to sell or share information about your visits with other companies for their own use.',
} as const;
