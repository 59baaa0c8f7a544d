/** Texts of emergency childcare (noodopvang). */
export const childcareNl = {
  childcare: {
    title: 'Noodopvang',
    intro: 'Geef per week door hoeveel kinderen uit kwetsbare gezinnen u in de noodopvang heeft, per gemeente. Alleen aantallen, geen namen.',
    municipality: 'Gemeentecode',
    municipalityHint: 'Bijvoorbeeld GM0402 (Hilversum).',
    week: 'Week (de maandag)',
    children: 'Aantal kinderen',
    submit: 'Doorgeven',
    saved: 'Doorgegeven: {{children}} kinderen in {{municipality}}, week van {{week}}.',
    required: 'Vul de gemeentecode, de maandag van de week en het aantal kinderen in.',
    mineTitle: 'Uw opgaven',
    mineCaption: 'Uw opgaven, nieuwste week eerst',
    none: 'Nog geen opgaven.',
    monitorTitle: 'Noodopvang per week',
    monitorIntro: 'Kinderen uit kwetsbare gezinnen in de noodopvang, per gemeente en week. Alleen aantallen.',
    monitorCaption: 'Noodopvang per gemeente en week',
    locations: 'Locaties',
    region: 'Regio',
  },
};

export const childcareEn: typeof childcareNl = {
  childcare: {
    title: 'Emergency childcare',
    intro: 'Report each week how many children from vulnerable families you have in emergency childcare, per municipality. Numbers only, no names.',
    municipality: 'Municipality code',
    municipalityHint: 'For example GM0402 (Hilversum).',
    week: 'Week (the Monday)',
    children: 'Number of children',
    submit: 'Report',
    saved: 'Reported: {{children}} children in {{municipality}}, week of {{week}}.',
    required: 'Fill in the municipality code, the Monday of the week and the number of children.',
    mineTitle: 'Your reports',
    mineCaption: 'Your reports, newest week first',
    none: 'No reports yet.',
    monitorTitle: 'Emergency childcare per week',
    monitorIntro: 'Children from vulnerable families in emergency childcare, per municipality and week. Numbers only.',
    monitorCaption: 'Emergency childcare per municipality and week',
    locations: 'Locations',
    region: 'Region',
  },
};
