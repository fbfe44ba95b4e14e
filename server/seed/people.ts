import type { NewPerson } from '../store/people.ts';

/**
 * The staff of Stadtwerke Musterstadt, a fictional municipal utility. Managers
 * come before their reports (the insert order matters for `manager_id`).
 * Phone numbers use the fictional area code 5555; e-mail addresses use the
 * reserved `.example` domain, so nothing here reaches a real person.
 */
const DOMAIN = 'stadtwerke-musterstadt.example';

const HQ = 'Hauptverwaltung Musterstadt';
const WATERWORKS = 'Wasserwerk Nord';
const DEPOT = 'Betriebshof Süd';
const SERVICE_CENTRE = 'Kundencenter Altstadt';

type Row = [id: string, name: string, role: string, department: string, location: string, extension: string, managerId: string | null];

const ROWS: Row[] = [
  ['claudia.hoffmann', 'Dr. Claudia Hoffmann', 'Kaufmännische Geschäftsführerin', 'Finanzen', HQ, '1200-100', null],
  ['juergen.mueller', 'Jürgen Müller', 'Leiter Netzbetrieb', 'Netzbetrieb', DEPOT, '1204-210', 'claudia.hoffmann'],
  ['sabine.krueger', 'Sabine Krüger', 'Leiterin Kundenservice', 'Kundenservice', SERVICE_CENTRE, '1207-300', 'claudia.hoffmann'],
  ['thomas.becker', 'Thomas Becker', 'Leiter IT', 'IT', HQ, '1200-400', 'claudia.hoffmann'],
  ['monika.schaefer', 'Monika Schäfer', 'Leiterin Personal', 'Personal', HQ, '1200-500', 'claudia.hoffmann'],
  ['markus.wagner', 'Markus Wagner', 'Leiter Vertrieb', 'Vertrieb', HQ, '1200-600', 'claudia.hoffmann'],
  ['petra.schulz', 'Petra Schulz', 'Leiterin Finanzen und Controlling', 'Finanzen', HQ, '1200-700', 'claudia.hoffmann'],
  ['katharina.weber', 'Katharina Weber', 'Leiterin Unternehmenskommunikation', 'Unternehmenskommunikation', HQ, '1200-800', 'claudia.hoffmann'],
  ['stefan.fischer', 'Stefan Fischer', 'Leiter Wasserwerk', 'Wasserwerk', WATERWORKS, '1209-900', 'claudia.hoffmann'],
  ['ayse.demir', 'Ayşe Demir', 'Teamleiterin Kundenberatung', 'Kundenservice', SERVICE_CENTRE, '1207-310', 'sabine.krueger'],
  ['anna.lehmann', 'Anna Lehmann', 'Kundenberaterin', 'Kundenservice', SERVICE_CENTRE, '1207-321', 'ayse.demir'],
  ['elena.jovanovic', 'Elena Jovanović', 'Kundenberaterin', 'Kundenservice', SERVICE_CENTRE, '1207-322', 'ayse.demir'],
  ['lukas.schneider', 'Lukas Schneider', 'Netzmonteur', 'Netzbetrieb', DEPOT, '1204-231', 'juergen.mueller'],
  ['mehmet.yilmaz', 'Mehmet Yılmaz', 'Elektroniker für Betriebstechnik', 'Netzbetrieb', DEPOT, '1204-232', 'juergen.mueller'],
  ['frank.zimmermann', 'Frank Zimmermann', 'Fuhrparkleiter', 'Netzbetrieb', DEPOT, '1204-240', 'juergen.mueller'],
  ['jonas.richter', 'Jonas Richter', 'Systemadministrator', 'IT', HQ, '1200-410', 'thomas.becker'],
  ['lea.neumann', 'Lea Neumann', 'Anwendungsentwicklerin SharePoint', 'IT', HQ, '1200-420', 'thomas.becker'],
  ['birgit.koch', 'Birgit Koch', 'Personalreferentin', 'Personal', HQ, '1200-510', 'monika.schaefer'],
  ['heike.wolf', 'Heike Wolf', 'Leiterin Betriebsrestaurant', 'Personal', HQ, '1200-550', 'monika.schaefer'],
  ['niklas.braun', 'Niklas Braun', 'Auszubildender Industriekaufmann', 'Personal', HQ, '1200-590', 'birgit.koch'],
  ['sophie.hartmann', 'Sophie Hartmann', 'Produktmanagerin E-Mobilität', 'Vertrieb', HQ, '1200-610', 'markus.wagner'],
  ['dennis.krause', 'Dennis Krause', 'Key-Account-Manager Gewerbekunden', 'Vertrieb', HQ, '1200-620', 'markus.wagner'],
  ['ursula.walter', 'Ursula Walter', 'Finanzbuchhalterin', 'Finanzen', HQ, '1200-710', 'petra.schulz'],
  ['goekhan.oezdemir', 'Gökhan Özdemir', 'Controller', 'Finanzen', HQ, '1200-720', 'petra.schulz'],
  ['julia.schmitt', 'Julia Schmitt', 'Referentin Interne Kommunikation', 'Unternehmenskommunikation', HQ, '1200-810', 'katharina.weber'],
  ['andreas.schroeder', 'Andreas Schröder', 'Wassermeister', 'Wasserwerk', WATERWORKS, '1209-910', 'stefan.fischer'],
  ['marie.klein', 'Marie Klein', 'Chemielaborantin', 'Wasserwerk', WATERWORKS, '1209-920', 'stefan.fischer'],
  ['karl-heinz.vogel', 'Karl-Heinz Vogel', 'Rohrnetzmonteur', 'Wasserwerk', WATERWORKS, '1209-930', 'andreas.schroeder'],
];

/** Internal communications moderate the comment sections. */
const MODERATORS = new Set(['katharina.weber', 'julia.schmitt']);

export const SEED_PEOPLE: NewPerson[] = ROWS.map(([id, name, role, department, location, extension, managerId]) => ({
  id,
  name,
  role,
  department,
  location,
  // The id is already the ASCII form of the name (ü → ue, ş → s), as the mail system spells it.
  email: `${id}@${DOMAIN}`,
  phone: `+49 5555 ${extension}`,
  avatarUrl: null,
  managerId,
  moderator: MODERATORS.has(id),
}));
