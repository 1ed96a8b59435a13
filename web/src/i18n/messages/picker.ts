// The customer picker (web/src/components/subject-picker.tsx), used by the disclosures and retention pages.
export const picker = {
  nl: {
    'picker.hint': 'Naam, e-mailadres, telefoon of klantnummer',
    'picker.none': 'Geen klant gevonden.',
    'picker.change': 'Andere klant kiezen',
  },
  en: {
    'picker.hint': 'Name, e-mail address, phone or customer reference',
    'picker.none': 'No customer found.',
    'picker.change': 'Choose another customer',
  },
};
