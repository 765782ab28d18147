export { incidentTerms, matchesIncident, deadlineFactorOf, tightenRules, INCIDENT_TERMS } from './incident-match.ts';
export { openIncident, INCIDENT_WINDOW_LIMIT } from './open-incident.ts';
export { joinOpenIncidents } from './join-open-incidents.ts';
export { restoreIncidentDeadlines, restoreIncidentDeadlinesIn } from './restore-incident-deadlines.ts';
