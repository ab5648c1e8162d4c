/** Words the synthetic generator builds names from (data in Chinese, like the curated seed). */

/** Twelve product families per layer of the 8-layer chain, raw materials first, end products last. */
export const PRODUCT_FAMILIES: readonly (readonly string[])[] = [
  ['磷矿石', '萤石', '铝土矿', '锰矿石', '煤炭', '重晶石', '石英砂', '硫铁矿', '锂云母', '钛铁矿', '石灰石', '天然气'],
  ['硫酸', '黄磷', '氢氟酸', '氧化铝', '电解锰', '焦炭', '工业硅', '钛白粉', '湿法磷酸', '合成氨', '烧碱', '碳酸钡'],
  ['净化磷酸', '氟化锂', '硫酸锰', '四氯化钛', '多晶硅', '电石', '甲醇', '磷酸一铵', '硝酸', '纯碱', '氟化氢铵', '硫酸镍'],
  ['磷酸铁', '六氟磷酸锂', '四氧化三锰', '三元前驱体', '碳酸锂', '负极前驱体', '碳酸酯溶剂', '电池铝箔', '锂电铜箔', '粘结剂', '导电剂', '隔膜基膜'],
  ['磷酸铁锂正极材料', '锰酸锂', '三元正极材料', '人造石墨', '电解液', '湿法隔膜', '钛酸锂', '硅碳负极', '磷酸锰铁锂', '钠离子正极材料', '固态电解质', '复合集流体'],
  ['动力电芯', '储能电芯', '电池模组', '电池管理系统', '热管理组件', '电池结构件', '高压线束', '驱动电机', '电机控制器', '功率模块', '充电模块', '车规芯片'],
  ['动力电池包', '储能系统', '电驱总成', '直流充电桩', '电动底盘', '换电站', '车载电源', '光储一体机', '两轮车电池', '户用储能柜', '工商业储能柜', '燃料电池系统'],
  ['新能源乘用车', '新能源大巴', '新能源重卡', '电动环卫车', '电动物流车', '储能电站', '电动船舶', '电动装载机', '低速电动车', '电动叉车', '无人配送车', '光储充电站'],
];
/** Grades make five products of each family: 磷酸铁A型 … 磷酸铁E型. */
export const PRODUCT_GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
/** Variants of a product (KIND_OF it): 电解液快充型B型 is an 电解液B型. */
export const PRODUCT_VARIANTS = ['快充型', '长寿命型', '低温型', '高倍率型'] as const;
/** A firm's trade (and its English) by the layer of what it mainly makes. */
export const LAYER_TRADES: readonly (readonly [string, string])[] = [
  ['矿业', 'Mining'],
  ['化工', 'Chemical'],
  ['化学', 'Chemistry'],
  ['材料科技', 'Materials Technology'],
  ['新材料', 'New Materials'],
  ['电池', 'Battery'],
  ['能源科技', 'Energy Technology'],
  ['汽车', 'Automobile'],
];
/** Units by layer (src/domain/units.ts): material capacity in tonnes a year, cells and systems in GWh a year, vehicles as output. */
export const LAYER_UNITS = ['万吨/年', '万吨/年', '万吨/年', '吨/年', '吨/年', '吉瓦时/年', '吉瓦时/年', '辆'] as const;

/** Distinct characters for trade names (字号); three of them name a firm (112³ ≈ 1.4M names). */
export const TRADE_NAME_CHARS = uniqueChars(
  '龙泰华信恒昌盛宏达兴源丰瑞鑫隆安康嘉宁祥福永金银川海天云山峰林森磊岩江河湖泉晨阳光明辉星月新宇创联合众力通远航博' +
  '智德仁义礼和顺利发展腾飞越卓立基业成功豪杰英雄凯旋伟大正中方圆东南西北汇聚集鼎诚信实美佳乐怡欣悦雅俊秀清晶莹翔鸿鹏',
);
/** Characters for park names: 福泉龙昌工业园区. */
export const PARK_WORDS = uniqueChars('龙昌兴盛宏泰华新东西南北中金银山水河湖云星光明青阳高远安平永福长乐鑫源恒达瑞丰宁康嘉顺');
export const PARK_SUFFIXES = ['工业园区', '经济开发区', '高新技术产业园', '产业园', '物流园区'] as const;

export const STATUS_WEIGHTS: readonly (readonly ['operating' | 'planned' | 'under_construction' | 'trial' | 'signed', number])[] = [
  ['operating', 70],
  ['under_construction', 10],
  ['planned', 10],
  ['trial', 5],
  ['signed', 5],
];

function uniqueChars(text: string): readonly string[] {
  return [...new Set(text)];
}
