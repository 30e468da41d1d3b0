# An agency with two jurisdictions.
BASE <https://w3id.org/cngov-kg/id/>
PREFIX kg: <https://w3id.org/cngov-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

INSERT DATA { <agency/3b1f0c9d2e4a5867> kg:jurisdiction <place/131126000000> } ;
