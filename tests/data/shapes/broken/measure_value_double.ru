# A measure value typed xsd:double instead of xsd:decimal.
BASE <https://w3id.org/cngov-kg/id/>
PREFIX kg: <https://w3id.org/cngov-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE DATA { <measure/3c4d5e6f7a8b9c0d> kg:value 3000000.0 } ;
INSERT DATA { <measure/3c4d5e6f7a8b9c0d> kg:value "3000000.0"^^xsd:double } ;
