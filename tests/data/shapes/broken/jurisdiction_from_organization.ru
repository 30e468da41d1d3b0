# A company with a jurisdiction (only agencies have one).
BASE <https://w3id.org/cngov-kg/id/>
PREFIX kg: <https://w3id.org/cngov-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

INSERT DATA { <org/1a2b3c4d5e6f7a8b> kg:jurisdiction <place/130000000000> } ;
