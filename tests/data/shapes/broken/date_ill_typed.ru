# A date whose lexical form is not a valid xsd:date.
BASE <https://w3id.org/cngov-kg/id/>
PREFIX kg: <https://w3id.org/cngov-kg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

INSERT DATA { <program/8b3e52d1af9c4067> kg:date "2021-12-45"^^xsd:date } ;
