# An agency whose jurisdiction is a program.
BASE <https://w3id.org/cngov-kg/id/>
PREFIX kg: <https://w3id.org/cngov-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE DATA { <agency/9c8e7d6f5a4b3c2d> kg:jurisdiction <place/131100000000> } ;
INSERT DATA { <agency/9c8e7d6f5a4b3c2d> kg:jurisdiction <program/8b3e52d1af9c4067> } ;
