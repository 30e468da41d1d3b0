# Evidence without its sentence.
BASE <https://w3id.org/cngov-kg/id/>
PREFIX kg: <https://w3id.org/cngov-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE DATA { <evidence/55aa66bb77cc88dd> kg:text "12月 22日上午8时，总额300万元的衡水市政府消费券将正式发放。"@zh } ;
